declare module 'arabic-reshaper' {
  const reshaper: {
    /** Logical Arabic text to presentation forms (still logical order). */
    convertArabic(text: string): string;
    convertArabicBack(text: string): string;
  };
  export default reshaper;
}
